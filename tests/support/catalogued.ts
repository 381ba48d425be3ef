import { expect } from 'vitest';
import { isErrorKey, renderError, type ErrorParams } from '@common/errors';

/**
 * An error a person can read in either language: its key is in the error catalog, its message is the
 * zh-CN text, and the English text has every placeholder filled and no Chinese left in it.
 */
export function expectCatalogued(error: { key?: string; params?: ErrorParams; message: string }): void {
  expect(isErrorKey(error.key), `catalog key ${error.key}`).toBe(true);
  if (!isErrorKey(error.key)) return;
  expect(error.message).toBe(renderError(error.key, error.params));
  expect(renderError(error.key, error.params, 'en')).not.toMatch(/\{\w+\}|[\u4e00-\u9fff]/);
}
