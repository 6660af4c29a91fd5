/**
 * A small in-memory element: the streaming XML parsers build one only for the record being read
 * (an LHEO `formation`), never for the whole file.
 */
export interface XmlElement {
  /** Local name: namespace prefixes and URIs are ignored on purpose (producers vary them). */
  name: string;
  /** Attribute values by local name. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, as written (not trimmed). */
  text: string;
  /** Line of the opening tag in the file, for positions in reports. */
  line: number;
}

export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((child) => child.name === name) : [];
}

/** The first element reached by following the names, child by child. */
export function find(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = element;
  for (const name of path) {
    current = current?.children.find((child) => child.name === name);
  }
  return current;
}

/** The text of the first element at the path, or undefined when there is no such element. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string | undefined {
  return find(element, ...path)?.text;
}

/** The element and everything below it, depth first. */
export function* selfAndDescendants(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* selfAndDescendants(child);
}
