import { parseImageReference, type ImageReference } from '../../src/images/imageReference';

/** A reference a test writes by hand; a typo in it fails the test at once. */
export function imageRef(text: string): ImageReference {
  const parsed = parseImageReference(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.ref;
}
