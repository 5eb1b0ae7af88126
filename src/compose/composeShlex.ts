/**
 * Splits a command string into words the way a POSIX shell would, without expansions: whitespace
 * separates words, single quotes are literal, double quotes honour `\` before `"`, `\`, `$` and
 * backtick, and a backslash outside quotes escapes the next character. Throws on an unterminated quote.
 */
export function shellSplit(input: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (ch === "'") {
      const close = input.indexOf("'", i + 1);
      if (close < 0) throw new Error('unterminated single quote');
      word += input.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (ch === '"') {
      i++;
      inWord = true;
      let closed = false;
      while (i < input.length) {
        const c = input[i];
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        if (c === '\\' && i + 1 < input.length && '"\\$`\n'.includes(input[i + 1])) {
          if (input[i + 1] !== '\n') word += input[i + 1];
          i += 2;
          continue;
        }
        word += c;
        i++;
      }
      if (!closed) throw new Error('unterminated double quote');
    } else if (ch === '\\') {
      // A backslash-newline is a line continuation; any other escaped character is kept literally.
      if (i + 1 < input.length && input[i + 1] !== '\n') {
        word += input[i + 1];
        inWord = true;
      }
      i += 2;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
