// `npm start`: works on a fresh clone before `npm install` (Node built-ins only until the
// bootstrap has installed the dependencies), then hands over to the TypeScript launcher.
import { runTs } from './run-ts.mjs';

try {
  process.exit(await runTs('scripts/system/start-system.ts'));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
