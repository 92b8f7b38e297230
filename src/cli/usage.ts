import { BUILD_OPTIONS, CHECK_USAGE, configKeys, optionList, usageLines } from '../index.js';

/** `broadside --help`: the commands by hand, the build's options and config keys from the options schema. */
export function usage(): string {
  const options = optionList(BUILD_OPTIONS);
  const keys = wrapList(configKeys(options), 78, '  ');
  return `Usage: broadside <command> [options]

Commands:
  build [inputs...]     Build the editions of each article (files, folders, or
                        http(s) addresses of web pages, fetched with their images).
                        With no inputs, builds every article in content/.
  preview <article>     Serve the article's page, print preview and audio on
                        http://127.0.0.1:4321/ and rebuild when the article, a
                        lexicon or a style changes (--port N, --host ADDR).
  voices                List the narration voices this machine has.
  worker --redis URL    Take build jobs from a queue in Redis and build them into the
                        shared output folder (--concurrency N, --input-root DIR,
                        --output-root DIR, --lock-ms N). SIGTERM drains and stops.
${CHECK_USAGE}
Build options:
${usageLines(options).join('\n')}
  -h, --help            Show this help.
  -v, --version         Show the version.

Configuration:
  Defaults can be set in broadside.config.json (or .js, .mjs, .ts, or a "broadside"
  key in package.json) in the working folder:
${keys}.
  Command-line options win.

Examples:
  broadside build                         # every article in content/ into output/
  broadside build article.md --out site   # one article into site/article/
  broadside build content/ --formats html,pdf --paper letter
  broadside build talk.txt --formats audio --voice espeak-ng
  broadside build https://example.org/2024/some-post   # into output/some-post/
`;
}

/** `items`, comma-separated, in lines of at most `width` characters after `indent`. */
function wrapList(items: string[], width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line ? `${line}, ${item}` : item;
    if (line && next.length > width) {
      lines.push(`${line},`);
      line = item;
    } else line = next;
  }
  return [...lines, line].map((text) => indent + text).join('\n');
}
