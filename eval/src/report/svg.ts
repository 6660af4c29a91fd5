/** What the hand-written SVG charts share. */

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Two decimals: coordinates stay short and the files stable from run to run. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function paletteColour(palette: readonly string[], index: number): string {
  return palette[index % palette.length] ?? 'black';
}
