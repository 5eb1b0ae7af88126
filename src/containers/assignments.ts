/**
 * Splits "A=1, B=two" (or one assignment per line) into entries. A comma only separates when a
 * "name=" follows it, so values such as JAVA_OPTS=-Xmx1g,-Xms256m keep their commas.
 */
export function splitAssignments(text: string): string[] {
  return text
    .split(/\r?\n/)
    .flatMap((line) => line.trim().replace(/,+$/, '').split(/,(?=\s*[^\s,=]+=)/))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
