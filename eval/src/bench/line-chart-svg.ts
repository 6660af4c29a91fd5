import { escapeXml, paletteColour, round2 } from '../report/svg';

export interface LineSeries {
  label: string;
  points: readonly { x: number; y: number }[];
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
}

/** The bar chart's palette: distinguishable in colour and in grey. */
const PALETTE = ['#1f4e79', '#e69138', '#6aa84f', '#999999', '#cc0000'];
const WIDTH = 760;
const HEIGHT = 360;
const MARGIN = { top: 40, right: 190, bottom: 50, left: 60 };
const TICKS = 5;

/** A line chart as a standalone SVG, by hand like the report's bar charts: axes from 0, a legend. */
export function lineChartSvg(chart: LineChart): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const all = chart.series.flatMap((series) => series.points);
  const maxX = niceCeiling(Math.max(0, ...all.map((point) => point.x)));
  const maxY = niceCeiling(Math.max(0, ...all.map((point) => point.y)));
  const x = (value: number) => round2(MARGIN.left + (plotWidth * value) / maxX);
  const y = (value: number) => round2(MARGIN.top + plotHeight * (1 - value / maxY));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12" role="img">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  for (let step = 0; step <= TICKS; step++) {
    const yValue = (maxY * step) / TICKS;
    const xValue = (maxX * step) / TICKS;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(yValue)}" y2="${y(yValue)}" stroke="#dddddd"/>`,
      `<text x="${MARGIN.left - 6}" y="${round2(y(yValue) + 4)}" text-anchor="end">${round2(yValue)}</text>`,
      `<text x="${x(xValue)}" y="${MARGIN.top + plotHeight + 16}" text-anchor="middle">${round2(xValue)}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(0)}" y2="${y(0)}" stroke="black"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${y(0)}" stroke="black"/>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 12}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text x="16" y="${MARGIN.top + plotHeight / 2}" text-anchor="middle" transform="rotate(-90 16 ${MARGIN.top + plotHeight / 2})">${escapeXml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((series, index) => {
    const path = series.points.map((point) => `${x(point.x)},${y(point.y)}`).join(' ');
    const top = MARGIN.top + index * 22;
    const left = WIDTH - MARGIN.right + 16;
    parts.push(
      `<polyline points="${path}" fill="none" stroke="${colour(index)}" stroke-width="2"><title>${escapeXml(series.label)}</title></polyline>`,
      `<rect x="${left}" y="${top}" width="14" height="4" fill="${colour(index)}"/>`,
      `<text x="${left + 20}" y="${top + 6}">${escapeXml(series.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** 1, 2 or 5 times a power of ten, at least `value`: round gridlines. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
}

function colour(index: number): string {
  return paletteColour(PALETTE, index);
}
