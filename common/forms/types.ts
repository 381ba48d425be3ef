import type { KeyedText } from '../errors';

/**
 * Electronic form schemas (业务电子化): one versioned schema per business type drives the form on
 * screen, its validation and its printout. Pure data: the renderer, main/ and the central read it.
 */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'personName'
  | 'idNumber'
  | 'phone'
  | 'account'
  | 'meter'
  | 'address'
  | 'amountFen'
  | 'number'
  | 'date'
  | 'select'
  | 'periods';

export interface FormField {
  key: string;
  label: string;
  labelEn: string;
  kind: FieldKind;
  required: boolean;
  /** For 'select'. */
  options?: readonly { value: string; label: string }[];
  /** For 'number' and 'amountFen' (in fen): inclusive bounds. */
  min?: number;
  max?: number;
  /** For 'number': the unit shown beside the input (kVA, kW, kWp). */
  unit?: string;
  /** For text kinds. */
  maxLength?: number;
  /** Personal data: masked on the printout and on screens that are not the form itself. */
  personal?: boolean;
  /** For 'date': the date may not lie before today (e.g. a suspension start). */
  notPast?: boolean;
}

export interface AttachmentSpec {
  key: string;
  label: string;
  required: boolean;
}

export interface FormSchema {
  /** Business type code. */
  type: string;
  /** Bumped on any change of fields or rules; a stored form keeps the version it was filled in. */
  version: number;
  title: string;
  titleEn: string;
  fields: readonly FormField[];
  attachments: readonly AttachmentSpec[];
}

export type FormValues = Record<string, string | number | null | undefined>;

/** A field's error: its key, parameters and zh-CN text (common/errors). */
export interface FieldError extends KeyedText {
  field: string;
}
