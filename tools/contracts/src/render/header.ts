const notice = [
  'Generated from schemas/*.avsc and schemas/catalog.yaml by tools/contracts.',
  'Do not edit: change the sources and run `npm run contracts:generate`.',
];

/** The first lines of every generated file, as line comments (`//`, `#`). */
export function generatedHeader(commentPrefix: string): string {
  return `${notice.map((line) => `${commentPrefix} ${line}`).join('\n')}\n`;
}

/** The same notice as an HTML comment, for Markdown. */
export function generatedMarkdownHeader(): string {
  return `<!--\n${notice.join('\n')}\n-->\n`;
}
