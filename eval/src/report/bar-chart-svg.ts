import { escapeXml, paletteColour, round2 } from './svg';

export interface BarSeries {
  label: string;
  /** One value per group, in the groups' order. */
  values: readonly number[];
}

export interface GroupedBarChart {
  title: string;
  groups: readonly string[];
  series: readonly BarSeries[];
  /** The value axis runs from 0 to this. */
  max: number;
}

/** Distinguishable in colour and in grey: the report may be printed. */
const PALETTE = ['#1f4e79', '#6fa8dc', '#e69138', '#999999', '#6aa84f', '#cc0000'];
const WIDTH = 760;
const HEIGHT = 360;
const MARGIN = { top: 40, right: 230, bottom: 40, left: 50 };
const GRIDLINES = 5;

/** A grouped bar chart as a standalone SVG, written by hand so that the report needs no dependency. */
export function groupedBarChartSvg(chart: GroupedBarChart): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const groupWidth = plotWidth / Math.max(1, chart.groups.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, chart.series.length);
  const y = (value: number) => round2(MARGIN.top + plotHeight * (1 - Math.min(value, chart.max) / chart.max));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12" role="img">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  for (let step = 0; step <= GRIDLINES; step++) {
    const value = (chart.max * step) / GRIDLINES;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(value)}" y2="${y(value)}" stroke="#dddddd"/>`,
      `<text x="${MARGIN.left - 6}" y="${round2(y(value) + 4)}" text-anchor="end">${round2(value)}</text>`,
    );
  }
  chart.groups.forEach((group, groupIndex) => {
    const groupLeft = MARGIN.left + groupIndex * groupWidth + groupWidth * 0.1;
    chart.series.forEach((series, seriesIndex) => {
      const value = series.values[groupIndex] ?? 0;
      const x = groupLeft + seriesIndex * barWidth;
      parts.push(
        `<rect x="${round2(x)}" y="${y(value)}" width="${round2(barWidth - 2)}" height="${round2(MARGIN.top + plotHeight - y(value))}" fill="${colour(seriesIndex)}"><title>${escapeXml(`${series.label}, ${group}: ${value.toFixed(3)}`)}</title></rect>`,
        `<text x="${round2(x + barWidth / 2 - 1)}" y="${round2(y(value) - 3)}" text-anchor="middle" font-size="9">${value.toFixed(2)}</text>`,
      );
    });
    parts.push(
      `<text x="${round2(MARGIN.left + (groupIndex + 0.5) * groupWidth)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${escapeXml(group)}</text>`,
    );
  });
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(0)}" y2="${y(0)}" stroke="black"/>`,
  );
  chart.series.forEach((series, seriesIndex) => {
    const top = MARGIN.top + seriesIndex * 22;
    const left = WIDTH - MARGIN.right + 16;
    parts.push(
      `<rect x="${left}" y="${top}" width="14" height="14" fill="${colour(seriesIndex)}"/>`,
      `<text x="${left + 20}" y="${top + 11}">${escapeXml(series.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function colour(index: number): string {
  return paletteColour(PALETTE, index);
}
