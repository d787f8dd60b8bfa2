/**
 * Field labels as the inspector forms show them, by field path pattern: `#` stands for a list
 * position (shown counting from 1), `*` for a name (a parameter's). Messages that name a field
 * by path (`config.parameters.note`) are shown with these instead.
 */
export type FieldLabels = Readonly<Record<string, string>>;

/** The rows of a rules editor at `prefix`, named like its inputs (`Rule 2 value`). */
export function ruleLabels(prefix: string, noun: string): FieldLabels {
  return {
    [prefix]: `${noun}s`,
    [`${prefix}.#`]: `${noun} #`,
    [`${prefix}.#.field`]: `${noun} # field`,
    [`${prefix}.#.criteria`]: `${noun} # comparison`,
    [`${prefix}.#.value`]: `${noun} # value`,
    [`${prefix}.#.join`]: `${noun} # join`,
  };
}

function matchLabel(pattern: string, path: string, label: string): string | null {
  const expected = pattern.split('.');
  const actual = path.split('.');
  if (expected.length !== actual.length) return null;
  let result = label;
  for (const [index, part] of expected.entries()) {
    const given = actual[index]!;
    if (part === '#') {
      if (!/^\d+$/.test(given)) return null;
      result = result.replace('#', String(Number(given) + 1));
    } else if (part === '*') result = result.replace('*', given);
    else if (part !== given) return null;
  }
  return result;
}

/** `retryPolicy.maxAttempts` → `Retry policy › max attempts`, for paths no table names. */
function humanize(path: string): string {
  const words = path
    .replace(/^config\./, '')
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part.replace(/([a-z])([A-Z])/g, '$1 $2')))
    .map((part) => part.toLowerCase());
  const text = words.join(' › ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The label of the field at `path`, from `labels`, else the path in words. */
export function fieldLabel(labels: FieldLabels | undefined, path: string): string {
  for (const [pattern, label] of Object.entries(labels ?? {})) {
    const found = matchLabel(pattern, path, label);
    if (found !== null) return found;
  }
  return humanize(path);
}
