import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import type { BreakdownRow, SeriesView, TokenKindsView } from '../../../shared/contract/spending-contract';
import { compactCount, count, usd, usdExact } from './format';

/** Distinct in light and dark themes alike. */
const PALETTE = ['#4f7df3', '#e0883c', '#3fa47b', '#b565d9', '#d9534f', '#8a94a6'];
const AXIS = { stroke: 'var(--muted)', fontSize: 12 };

function TooltipBox({ title, rows }: { title: string; rows: { key: string; label: string; value: string; color?: string }[] }) {
  return (
    <div className="spending-tooltip">
      <div className="spending-tooltip-title">{title}</div>
      {rows.map((row) => (
        <div key={row.key} className="spending-tooltip-row">
          {row.color && <span className="spending-swatch" style={{ background: row.color }} />}
          <span>{row.label}</span>
          <span className="spending-num">{row.value}</span>
        </div>
      ))}
    </div>
  );
}

function ChartFrame({ title, children, summary }: { title: string; summary: string; children: ReactNode }) {
  return (
    <figure className="spending-panel spending-chart">
      <figcaption>
        <h3>{title}</h3>
        <span className="visually-hidden">{summary}</span>
      </figcaption>
      {children}
    </figure>
  );
}

type SeriesPoint = SeriesView['points'][number];

/** Spend per hour, day or month, stacked by provider or model; hover shows each part exactly. */
export function SpendChart({ series, toolbar }: { series: SeriesView; toolbar: ReactNode }) {
  const unit = series.bucket === 'hour' ? 'hour' : series.bucket;
  const data = series.points.map((point) => ({ ...point, ...point.costNanos }));
  const tooltip = ({ active, payload }: TooltipContentProps) => {
    const point = active ? (payload[0]?.payload as SeriesPoint | undefined) : undefined;
    if (!point) return null;
    const rows = series.stacks
      .map((stack, i) => ({ key: stack.key, label: stack.label, nanos: point.costNanos[stack.key] ?? 0, color: PALETTE[i % PALETTE.length] }))
      .filter((row) => row.nanos > 0)
      .map((row) => ({ ...row, value: usdExact(row.nanos) }));
    return <TooltipBox title={`${point.label} · ${usdExact(point.totalNanos)}`} rows={rows} />;
  };
  return (
    <figure className="spending-panel spending-chart wide">
      <figcaption className="spending-chart-head">
        <h3>Spend per {unit}</h3>
        {toolbar}
      </figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis tick={AXIS} tickLine={false} axisLine={false} width={72} tickFormatter={(v: number) => usd(Math.round(v))} />
          <Tooltip content={tooltip} cursor={{ fill: 'var(--border)', opacity: 0.4 }} isAnimationActive={false} />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          {series.stacks.map((stack, i) => (
            <Bar key={stack.key} dataKey={stack.key} name={stack.label} stackId="spend" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Cost per model, biggest first. */
export function CostByModelChart({ rows }: { rows: BreakdownRow[] }) {
  const data = rows.slice(0, 8);
  const tooltip = ({ active, payload }: TooltipContentProps) => {
    const row = active ? (payload[0]?.payload as BreakdownRow | undefined) : undefined;
    if (!row) return null;
    return (
      <TooltipBox
        title={row.label}
        rows={[
          { key: 'cost', label: 'Cost', value: usdExact(row.costNanos) },
          { key: 'requests', label: 'Requests', value: count(row.requests) },
          ...(row.unpricedRequests > 0 ? [{ key: 'unpriced', label: 'Unknown price', value: count(row.unpricedRequests) }] : []),
        ]}
      />
    );
  };
  return (
    <ChartFrame title="Cost by model" summary={data.map((r) => `${r.label}: ${usdExact(r.costNanos)}`).join('; ')}>
      <ResponsiveContainer width="100%" height={Math.max(120, data.length * 34 + 24)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <XAxis type="number" tick={AXIS} tickLine={false} axisLine={false} tickFormatter={(v: number) => usd(Math.round(v))} />
          <YAxis type="category" dataKey="label" tick={AXIS} tickLine={false} axisLine={false} width={130} />
          <Tooltip content={tooltip} cursor={{ fill: 'var(--border)', opacity: 0.4 }} isAnimationActive={false} />
          <Bar dataKey="costNanos" name="Cost" radius={[0, 4, 4, 0]} isAnimationActive={false}>
            {data.map((row, i) => (
              <Cell key={row.key} fill={PALETTE[i % PALETTE.length]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

const TOKEN_PARTS = [
  { key: 'freshInput', label: 'Input (not cached)', color: PALETTE[0]! },
  { key: 'cacheRead', label: 'Cached input', color: '#7fa3f7' },
  { key: 'cacheWrite', label: 'Cache writes', color: '#a9c0f9' },
  { key: 'answerOutput', label: 'Output', color: PALETTE[1]! },
  { key: 'reasoning', label: 'Reasoning', color: '#f0b27f' },
] as const;

/** Input and output tokens, each split into the parts that add up to it. */
export function TokensChart({ tokens }: { tokens: TokenKindsView }) {
  const data = [
    { name: 'Input', freshInput: tokens.freshInput, cacheRead: tokens.cacheRead, cacheWrite: tokens.cacheWrite },
    { name: 'Output', answerOutput: tokens.answerOutput, reasoning: tokens.reasoning },
  ];
  const tooltip = ({ active, label }: TooltipContentProps) => {
    if (!active) return null;
    const parts = TOKEN_PARTS.filter((part) => (label === 'Input') === ['freshInput', 'cacheRead', 'cacheWrite'].includes(part.key));
    return (
      <TooltipBox
        title={`${String(label)} tokens`}
        rows={parts.map((part) => ({ key: part.key, label: part.label, value: count(tokens[part.key]), color: part.color }))}
      />
    );
  };
  return (
    <ChartFrame title="Tokens by kind" summary={TOKEN_PARTS.map((p) => `${p.label}: ${count(tokens[p.key])}`).join('; ')}>
      <ResponsiveContainer width="100%" height={150}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <XAxis type="number" tick={AXIS} tickLine={false} axisLine={false} tickFormatter={(v: number) => compactCount(v)} />
          <YAxis type="category" dataKey="name" tick={AXIS} tickLine={false} axisLine={false} width={60} />
          <Tooltip content={tooltip} cursor={{ fill: 'var(--border)', opacity: 0.4 }} isAnimationActive={false} />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          {TOKEN_PARTS.map((part) => (
            <Bar key={part.key} dataKey={part.key} name={part.label} stackId="tokens" fill={part.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
