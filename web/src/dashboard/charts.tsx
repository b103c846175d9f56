/**
 * Hand-drawn SVG charts: enough for a handful of series, no chart library. Each chart has a
 * title and a table beside it, so screen readers and copy-paste get the numbers too.
 */
const COLOURS = ["#1f5fa8", "#b8860b", "#b22222", "#2e7d32", "#6a1b9a", "#00838f"];

export function colourOf(index: number): string {
  return COLOURS[index % COLOURS.length]!;
}

export interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

/** Grouped bars over time buckets: one group per bucket, one bar per series. */
export function TimeBars(props: {
  title: string;
  buckets: readonly string[];
  series: readonly Series[];
}) {
  const width = 720;
  const height = 220;
  const pad = { left: 48, bottom: 36, top: 12, right: 8 };
  const max = Math.max(1, ...props.series.flatMap((s) => s.values));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const group = plotW / Math.max(1, props.buckets.length);
  const bar = (group * 0.8) / Math.max(1, props.series.length);
  const y = (v: number) => pad.top + plotH - (v / max) * plotH;
  const labelEvery = Math.ceil(props.buckets.length / 8);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title}>
        <line x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} stroke="#555" />
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line
              x1={pad.left}
              x2={width - pad.right}
              y1={y(max * f)}
              y2={y(max * f)}
              stroke="#ddd"
            />
            <text x={pad.left - 6} y={y(max * f) + 4} textAnchor="end" fontSize="11">
              {tick(max * f)}
            </text>
          </g>
        ))}
        {props.buckets.map((bucket, i) => (
          <g key={bucket}>
            {props.series.map((s, j) => {
              const v = s.values[i] ?? 0;
              return (
                <rect
                  key={s.name}
                  x={pad.left + i * group + group * 0.1 + j * bar}
                  y={y(v)}
                  width={Math.max(1, bar - 1)}
                  height={y(0) - y(v)}
                  fill={colourOf(j)}
                >
                  <title>{`${bucket} ${s.name}: ${v}`}</title>
                </rect>
              );
            })}
            {i % labelEvery === 0 && (
              <text
                x={pad.left + i * group + group / 2}
                y={height - 18}
                textAnchor="middle"
                fontSize="10"
              >
                {bucket.slice(5)}
              </text>
            )}
          </g>
        ))}
      </svg>
      <figcaption>
        <strong>{props.title}</strong> <Legend names={props.series.map((s) => s.name)} />
      </figcaption>
    </figure>
  );
}

/** Horizontal bars, one per category. */
export function CategoryBars(props: { title: string; data: Readonly<Record<string, number>> }) {
  const entries = Object.entries(props.data);
  const max = Math.max(1, ...entries.map(([, v]) => v));
  const rowH = 26;
  const width = 360;
  const labelW = 110;
  return (
    <figure className="chart small">
      <svg
        viewBox={`0 0 ${width} ${rowH * entries.length + 8}`}
        role="img"
        aria-label={props.title}
      >
        {entries.map(([name, v], i) => (
          <g key={name}>
            <text x={labelW - 6} y={i * rowH + 18} textAnchor="end" fontSize="12">
              {name}
            </text>
            <rect
              x={labelW}
              y={i * rowH + 4}
              height={rowH - 8}
              width={((width - labelW - 50) * v) / max}
              fill={colourOf(i)}
            />
            <text
              x={labelW + ((width - labelW - 50) * v) / max + 4}
              y={i * rowH + 18}
              fontSize="12"
            >
              {v}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <strong>{props.title}</strong>
      </figcaption>
    </figure>
  );
}

function tick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function Legend({ names }: { names: readonly string[] }) {
  return (
    <span className="legend">
      {names.map((name, i) => (
        <span key={name}>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" fill={colourOf(i)} />
          </svg>{" "}
          {name}{" "}
        </span>
      ))}
    </span>
  );
}
