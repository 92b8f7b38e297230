// The check command's lines of the usage text, apart from the command itself, so that --help loads no checker.
export const CHECK_USAGE = `  check [paths...]      Check built editions (article output folders, or folders of them)
                        and single .html, .pdf or .mp3 files with independent readers.
                        --json prints the report as JSON; --report FILE.html also writes an
                        accessible HTML report. Exits 0 when everything passes, 1 when
                        something fails, 2 for usage errors.
`;

/** A path given to `check` that cannot be checked: the command exits 2. Here, so that the public API exports it without loading a checker. */
export class CheckUsageError extends Error {}
