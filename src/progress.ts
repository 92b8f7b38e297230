import type { BuildEvent, FormatId } from './build/types.js';

type EditionState = { state: 'running'; since: number } | { state: 'done'; ms: number } | { state: 'unchanged' };

interface ArticleLine {
  source: string;
  started: number;
  editions: Map<FormatId, EditionState>;
  done?: { ok: boolean; error?: string };
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * A live display for a terminal: one line per article with each edition's
 * state and elapsed time, redrawn in place. Finished articles scroll up as
 * plain lines, so the scrollback keeps a log.
 */
export class LiveProgress {
  private readonly lines = new Map<string, ArticleLine>();
  private drawn = 0;
  private tick = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  /** Whether a live display makes sense: a terminal, and not CI. */
  static wanted(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
    return Boolean(stream.isTTY) && !env.CI && env.TERM !== 'dumb';
  }

  onEvent = (event: BuildEvent): void => {
    const now = performance.now();
    if (event.type === 'article-start') {
      this.lines.set(event.source, { source: event.source, started: now, editions: new Map() });
      this.timer ??= setInterval(() => this.draw(), 120);
    }
    const line = this.lines.get(event.source);
    if (!line) return;
    if (event.type === 'edition-start') line.editions.set(event.format, { state: 'running', since: now });
    if (event.type === 'edition-done') line.editions.set(event.format, { state: 'done', ms: event.ms });
    if (event.type === 'edition-unchanged') line.editions.set(event.format, { state: 'unchanged' });
    if (event.type === 'article-done') line.done = { ok: event.result.ok, error: event.result.error };
    this.draw();
  };

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.draw();
  }

  private describe(line: ArticleLine, now: number): string {
    const editions = [...line.editions].map(([format, state]) => {
      if (state.state === 'running') return `${format} ${seconds(now - state.since)}…`;
      if (state.state === 'unchanged') return `${format} unchanged`;
      return `${format} ✓ ${seconds(state.ms)}`;
    });
    if (line.done && !line.done.ok) return `✗ ${line.done.error}`;
    const mark = line.done ? '✓' : SPINNER[this.tick % SPINNER.length];
    return `${mark} ${line.source}  ${editions.join('  ')}  (${seconds(now - line.started)})`;
  }

  private draw(): void {
    const now = performance.now();
    this.tick += 1;
    const width = this.stream.columns || 100;
    let out = this.drawn ? `\x1b[${this.drawn}A\x1b[J` : '';
    // Finished articles are printed once, above the live block (the warnings follow the run, grouped by file).
    for (const [source, line] of this.lines) {
      if (!line.done) continue;
      out += `${this.describe(line, now)}\n`;
      this.lines.delete(source);
    }
    const live = [...this.lines.values()].map((line) => this.describe(line, now).slice(0, width - 1));
    out += live.map((text) => `${text}\n`).join('');
    this.drawn = live.length;
    this.stream.write(out);
  }
}
