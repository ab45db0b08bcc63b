// Preloaded by `wxbot test` (node --require): lets node's test runner load .ts test files.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { registerTypeScript } from '../config/ts-require';

registerTypeScript();
// A "type": "module" project would otherwise load .ts test files as ES modules (which fails).
register('./ts-esm-hooks.js', pathToFileURL(__filename));
