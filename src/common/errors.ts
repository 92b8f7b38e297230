/**
 * An input that cannot be built. The message is one line that names the file
 * and the problem; the CLI prints it as is and exits non-zero.
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'InputError';
  }
}
