/**
 * The URL of the next page from a registry's Link header (`</v2/_catalog?last=b&n=100>; rel="next"`),
 * resolved against the URL that was fetched; undefined on the last page.
 */
export function nextPageUrl(link: string | null | undefined, base: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2]);
    const rel = (rels?.[1] ?? rels?.[2] ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('next')) continue;
    try {
      return new URL(match[1], base).toString();
    } catch {
      return undefined;
    }
  }
  return undefined;
}
