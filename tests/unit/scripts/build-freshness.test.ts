import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFreshness, rebuildLine } from '../../../scripts/build-freshness';

/** Real files with chosen modification times: the decision `npm start` takes before it runs anything. */
const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function tree(files: Record<string, number>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'freshness-'));
  roots.push(root);
  for (const [file, minutesAgo] of Object.entries(files)) {
    const full = path.join(root, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, file);
    const t = new Date(Date.now() - minutesAgo * 60_000);
    utimesSync(full, t, t);
  }
  return root;
}

const build = (root: string, outputs = ['out/index.html']) => ({
  sources: [path.join(root, 'src'), path.join(root, 'vite.config.ts')],
  outputs: outputs.map((o) => path.join(root, o)),
});

describe('build freshness', () => {
  it('a build newer than every source is fresh: nothing is rebuilt and nothing is said', () => {
    const root = tree({ 'src/App.vue': 30, 'src/deep/area/Page.vue': 20, 'vite.config.ts': 60, 'out/index.html': 10 });
    const freshness = buildFreshness(build(root));
    expect(freshness).toEqual({ stale: false });
    expect(rebuildLine('renderer', freshness, root)).toBeNull();
  });

  it('a source edited after the build makes it stale, and the line names that file', () => {
    const root = tree({ 'src/App.vue': 30, 'src/deep/area/Page.vue': 5, 'out/index.html': 10 });
    const freshness = buildFreshness(build(root));
    expect(freshness).toEqual({ stale: true, reason: 'newer', source: path.join(root, 'src/deep/area/Page.vue') });
    expect(rebuildLine('renderer', freshness, root)).toBe(
      `renderer: ${path.join('src', 'deep', 'area', 'Page.vue')} changed since the last build; rebuilding`,
    );
  });

  it('a config file counts as a source', () => {
    const root = tree({ 'src/App.vue': 30, 'vite.config.ts': 1, 'out/index.html': 10 });
    expect(buildFreshness(build(root))).toMatchObject({ stale: true, source: path.join(root, 'vite.config.ts') });
  });

  it('no build yet is stale', () => {
    const root = tree({ 'src/App.vue': 30 });
    const freshness = buildFreshness(build(root));
    expect(freshness).toEqual({ stale: true, reason: 'missing', output: path.join(root, 'out/index.html') });
    expect(rebuildLine('renderer', freshness, root)).toBe(
      `renderer: no build yet (${path.join('out', 'index.html')}); building`,
    );
  });

  it('with several outputs the oldest decides: a half-finished build is stale', () => {
    const root = tree({ 'src/main.ts': 15, 'out/main.cjs': 5, 'out/preload.cjs': 20 });
    expect(buildFreshness(build(root, ['out/main.cjs', 'out/preload.cjs']))).toMatchObject({ stale: true });
  });

  it('dependencies, build output and dot folders among the sources are not sources', () => {
    const root = tree({
      'src/App.vue': 30,
      'src/node_modules/x/index.js': 1,
      'src/.vite/deps.json': 1,
      'src/out/x.js': 1,
      'out/index.html': 10,
    });
    expect(buildFreshness(build(root))).toEqual({ stale: false });
  });
});
