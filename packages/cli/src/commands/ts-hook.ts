// Preloaded by `wxbot test` (node --require): lets node's test runner load .ts test files.
import { registerTypeScript } from '../config/ts-require';

registerTypeScript();
