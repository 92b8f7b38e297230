// Loaded with `node --import`: appends the URL of every module the process
// loads to the file named by BROADSIDE_MODULE_LOG, one a line, so that a test
// can tell which parts of the tool a command needed.
import { register } from 'node:module';

if (process.env.BROADSIDE_MODULE_LOG) {
  register(
    `data:text/javascript,${encodeURIComponent(`
      import { appendFileSync } from 'node:fs';
      export async function resolve(specifier, context, next) {
        const resolved = await next(specifier, context);
        appendFileSync(${JSON.stringify(process.env.BROADSIDE_MODULE_LOG)}, resolved.url + '\\n');
        return resolved;
      }
    `)}`,
  );
}
