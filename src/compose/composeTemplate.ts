/** Looks a variable up; undefined means "not set" (an empty string is set). */
export type VariableLookup = (name: string) => string | undefined;

export interface TemplateIssue {
  kind: 'unset' | 'required' | 'invalid';
  /** Offsets of the offending `$...` in the input string. */
  start: number;
  end: number;
  variable?: string;
  message: string;
}

export interface TemplateResult {
  value: string;
  issues: TemplateIssue[];
}

const NAME_START = /[A-Za-z_]/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Substitutes `$VAR`, `${VAR}` and the `:-`, `-`, `:?`, `?`, `:+`, `+` forms, with `$$` as a literal
 * dollar. Operands are templates themselves and are only evaluated when used, so a default that
 * references an unset variable warns only when the default is taken.
 */
export function substituteTemplate(input: string, lookup: VariableLookup): TemplateResult {
  const issues: TemplateIssue[] = [];
  const value = substituteRange(input, 0, input.length, lookup, issues);
  return { value, issues };
}

export function hasTemplate(input: string): boolean {
  return input.includes('$');
}

function substituteRange(
  input: string,
  from: number,
  to: number,
  lookup: VariableLookup,
  issues: TemplateIssue[],
): string {
  let out = '';
  let i = from;
  while (i < to) {
    const ch = input[i];
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const next = i + 1 < to ? input[i + 1] : '';
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const close = findClose(input, i + 2, to);
      if (close < 0) {
        issues.push({ kind: 'invalid', start: i, end: to, message: 'Invalid interpolation: "${" is never closed.' });
        return out;
      }
      out += braced(input, i, close, lookup, issues);
      i = close + 1;
    } else if (NAME_START.test(next)) {
      const name = (NAME.exec(input.slice(i + 1, to)) as RegExpExecArray)[0];
      const end = i + 1 + name.length;
      const found = lookup(name);
      if (found === undefined) issues.push(unset(name, i, end));
      out += found ?? '';
      i = end;
    } else {
      // Compose keeps a "$" that starts no variable as it is: "price 5$", "$(date)".
      out += '$';
      i++;
    }
  }
  return out;
}

// Index of the "}" closing a "${" whose content starts at `from`, honouring nested "${...}".
function findClose(input: string, from: number, to: number): number {
  let depth = 1;
  for (let i = from; i < to; i++) {
    if (input[i] === '$' && input[i + 1] === '$') {
      i++;
    } else if (input[i] === '$' && input[i + 1] === '{') {
      depth++;
      i++;
    } else if (input[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function braced(input: string, start: number, close: number, lookup: VariableLookup, issues: TemplateIssue[]): string {
  const contentStart = start + 2;
  const content = input.slice(contentStart, close);
  const end = close + 1;
  const match = NAME.exec(content);
  if (!match) {
    issues.push({ kind: 'invalid', start, end, message: `Invalid interpolation "${input.slice(start, end)}": expected a variable name.` });
    return '';
  }
  const name = match[0];
  const rest = content.slice(name.length);
  const found = lookup(name);
  if (rest === '') {
    if (found === undefined) issues.push(unset(name, start, end));
    return found ?? '';
  }
  const op = /^(:?[-?+])/.exec(rest);
  if (!op) {
    issues.push({ kind: 'invalid', start, end, message: `Invalid interpolation "${input.slice(start, end)}": unexpected "${rest[0]}" after the variable name.` });
    return found ?? '';
  }
  const operator = op[1];
  const operandStart = contentStart + name.length + operator.length;
  const operand = (): string => substituteRange(input, operandStart, close, lookup, issues);
  const colon = operator.startsWith(':');
  // With a colon the operators treat an empty value like an unset one, as in the shell.
  const isSet = found !== undefined && (!colon || found !== '');
  switch (operator[operator.length - 1]) {
    case '-':
      return isSet ? (found as string) : operand();
    case '+':
      return isSet ? operand() : '';
    default: {
      if (isSet) return found as string;
      const text = operand();
      const reason = text !== '' ? text : `required variable ${name} is ${found === undefined ? 'not set' : 'empty'}`;
      issues.push({ kind: 'required', start, end, variable: name, message: `${name}: ${reason}` });
      return '';
    }
  }
}

function unset(name: string, start: number, end: number): TemplateIssue {
  return {
    kind: 'unset',
    start,
    end,
    variable: name,
    message: `The variable "${name}" is not set; an empty string is substituted.`,
  };
}
