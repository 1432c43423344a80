// Shared by the Node tests: the nodejs build of the package, and the shared fixtures.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const fixtures = path.join(root, 'tests', 'fixtures');

const require = createRequire(import.meta.url);
/** The package as Node loads it (`bindings-wasm/pkg`, built by build.sh). */
export const rt = require(path.join(root, 'bindings-wasm', 'pkg'));

export function fixture(...parts) {
  return readFileSync(path.join(fixtures, ...parts));
}

export function fixtureText(...parts) {
  return fixture(...parts).toString('utf8');
}

/** The UK roadmap as the seed article described it (a fixed fixture, the bundled data before
 * it was rebuilt from the roadmap's own pages): the status expectations test the rules on it. */
export function articleRoadmap() {
  return rt.Roadmap.fromJson(fixtureText('uk-digital-2026-article.json'));
}
