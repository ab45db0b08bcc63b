/** Values a reply template can use. */
export interface TemplateValues {
  readonly sender: string;
  readonly chat: string;
  readonly text: string;
  /** The match: `[0]` whole, `[1]`... groups; named groups in `groups`. */
  readonly match: RegExpMatchArray | readonly string[];
}

// `{{` / `}}` are literal braces; `{name}`, `{match}`, `{match[1]}`, `{match.year}` are placeholders.
const TOKEN = /\{\{|\}\}|\{([^{}]*)\}/g;
const PLACEHOLDER = /^(?:sender|chat|text|match|match\[(\d+)\]|match\.([A-Za-z_$][\w$]*))$/;

/**
 * The placeholders in `template` that are not known (for validation at startup).
 * @example
 * unknownPlaceholders('hi {sender} {nme}'); // ['{nme}']
 */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const token of template.matchAll(TOKEN)) {
    if (token[1] !== undefined && !PLACEHOLDER.test(token[1])) unknown.push(token[0]);
  }
  return unknown;
}

/**
 * Fills a reply template. Groups that did not take part in the match become ''.
 * @example
 * renderTemplate('{sender}: {match[1]}', { sender: 'Ann', chat: 'Team', text: 'add 5', match: ['add 5', '5'] }); // 'Ann: 5'
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(TOKEN, (token, name: string | undefined) => {
    if (name === undefined) return token[0] ?? '';
    const placeholder = PLACEHOLDER.exec(name);
    if (!placeholder) return token;
    if (name === 'sender' || name === 'chat' || name === 'text') return values[name];
    if (name === 'match') return values.match[0] ?? '';
    if (placeholder[1] !== undefined) return values.match[Number(placeholder[1])] ?? '';
    const groups = (values.match as RegExpMatchArray).groups;
    return (placeholder[2] !== undefined ? groups?.[placeholder[2]] : undefined) ?? '';
  });
}
