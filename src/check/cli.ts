import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../common/write.js';
import { check, CheckUsageError } from './index.js';
import { htmlReport } from './report-html.js';
import { textReport } from './report-text.js';

/** `broadside check`: resolves to the exit code. */
export async function runCheck(args: string[]): Promise<number> {
  let values: { json?: boolean; report?: string; browser?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, report: { type: 'string' }, browser: { type: 'string' } } }));
  } catch (error) {
    process.stderr.write(`broadside check: ${(error as Error).message}\nRun \`broadside --help\` for usage.\n`);
    return 2;
  }
  if (values.report !== undefined && !/\.html?$/iu.test(values.report)) {
    process.stderr.write(`broadside check: --report takes a file name ending in .html, not "${values.report}"\n`);
    return 2;
  }
  try {
    const report = await check(positionals, { browserPath: values.browser });
    if (values.report) await writeFileAtomic(values.report, htmlReport(report));
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : textReport(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof CheckUsageError)) throw error;
    process.stderr.write(`broadside check: ${error.message}\nRun \`broadside --help\` for usage.\n`);
    return 2;
  }
}
