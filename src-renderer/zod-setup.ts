// Imported first by main.tsx, before any schema is built: zod must not probe for `new Function`
// (its JIT), which the page's CSP forbids and would report as a violation.
import { config } from 'zod';

config({ jitless: true });
