import { useId } from 'react';
import { barLength, type ChartSpec } from './oversight-charts';

const LABEL_WIDTH = 220;
const BAR_WIDTH = 320;
const TEXT_WIDTH = 160;
const BAR_HEIGHT = 18;
const ROW_GAP = 10;
const COLOURS = ['#000091', '#fc5d00'];

/**
 * A horizontal bar chart in SVG, described for screen readers by its title and a summary, with the
 * same figures in a table just below.
 */
export function BarChart({ spec }: { spec: ChartSpec }) {
  const id = useId();
  const rowHeight = spec.series.length * BAR_HEIGHT + ROW_GAP;
  const legend = spec.series.length > 1 ? 24 : 0;
  const height = legend + spec.rows.length * rowHeight;
  const width = LABEL_WIDTH + BAR_WIDTH + TEXT_WIDTH;
  const summary = spec.rows.map((row) => `${row.label} : ${row.texts.join(', ')}`).join(' ; ');

  return (
    <figure className="app-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <h3>{spec.title}</h3>
      </figcaption>
      {spec.rows.length === 0 ? (
        <p className="app-muted">{spec.empty}</p>
      ) : (
        <>
          <svg
            width={width}
            height={height}
            viewBox={`0 0 ${width} ${height}`}
            role="img"
            aria-labelledby={`${id}-title ${id}-desc`}
          >
            <title id={`${id}-title`}>{spec.title}</title>
            <desc id={`${id}-desc`}>{summary}</desc>
            {spec.series.length > 1 &&
              spec.series.map((series, index) => (
                <g key={series.label} transform={`translate(${LABEL_WIDTH + index * 200}, 4)`}>
                  <rect width={12} height={12} fill={COLOURS[index % COLOURS.length]} />
                  <text x={18} y={11}>
                    {series.label}
                  </text>
                </g>
              ))}
            {spec.rows.map((row, rowIndex) => {
              const top = legend + rowIndex * rowHeight;
              return (
                <g key={row.label} transform={`translate(0, ${top})`}>
                  <text x={LABEL_WIDTH - 8} y={(spec.series.length * BAR_HEIGHT) / 2 + 4} textAnchor="end">
                    {row.label.length > 32 ? `${row.label.slice(0, 31)}…` : row.label}
                  </text>
                  <line
                    x1={LABEL_WIDTH}
                    x2={LABEL_WIDTH}
                    y1={0}
                    y2={spec.series.length * BAR_HEIGHT}
                    stroke="#929292"
                  />
                  {row.values.map((value, seriesIndex) => {
                    const length = barLength(value, spec.max, BAR_WIDTH);
                    const y = seriesIndex * BAR_HEIGHT + 2;
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: series are positional.
                      <g key={seriesIndex}>
                        <rect
                          x={LABEL_WIDTH}
                          y={y}
                          width={length}
                          height={BAR_HEIGHT - 4}
                          fill={COLOURS[seriesIndex % COLOURS.length]}
                        />
                        <text x={LABEL_WIDTH + length + 6} y={y + BAR_HEIGHT - 7}>
                          {row.texts[seriesIndex]}
                        </text>
                      </g>
                    );
                  })}
                </g>
              );
            })}
          </svg>
          <details>
            <summary>Voir les données sous forme de tableau</summary>
            <div className="fr-table">
              <table>
                <caption className="fr-sr-only">{spec.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">—</th>
                    {spec.series.map((series) => (
                      <th key={series.label} scope="col">
                        {series.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {spec.rows.map((row) => (
                    <tr key={row.label}>
                      <th scope="row">{row.label}</th>
                      {row.texts.map((text, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: series are positional.
                        <td key={index}>{text}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
