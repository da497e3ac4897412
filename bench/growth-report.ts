/** The growth table and its chart (bench-output/growth.svg). */
import type { GrowthRow } from './growth';

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** Markdown rows: each step beside the first step of its store, so the growth reads as a ratio. */
export function growthTable(rows: readonly GrowthRow[]): string[] {
  const lines = [
    '| store | meetings | members | scan ms | moments performed | scan × first step | scan RU (cost model) | vote p50 ms | floor p50 ms | vote × floor | vote RU (cost model) | RSS MiB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const first = rows.find((candidate) => candidate.store === row.store)!;
    lines.push(
      `| ${row.store} | ${row.meetings} | ${row.members} | ${ms(row.scanMs)} | ${row.scanPerformed} | ${(row.scanMs / first.scanMs).toFixed(2)} | ${row.scanEstimatedRu?.toFixed(0) ?? '–'} | ${ms(row.voteP50Ms)} | ${ms(row.floorP50Ms)} | ${(row.voteP50Ms / row.floorP50Ms).toFixed(2)} | ${row.voteEstimatedRu?.toFixed(1) ?? '–'} | ${(row.rssBytes / 2 ** 20).toFixed(0)} |`,
    );
  }
  return lines;
}

const WIDTH = 640;
const HEIGHT = 320;
const MARGIN = { left: 64, right: 16, top: 40, bottom: 56 };
const COLOURS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Grouped bars: the scan time per step, one colour per store, labelled with the figures. */
export function growthSvg(rows: readonly GrowthRow[]): string {
  const stores = [...new Set(rows.map((row) => row.store))];
  const steps = [...new Set(rows.map((row) => `${row.meetings} / ${row.members}`))];
  const top = Math.max(1, ...rows.map((row) => row.scanMs)) * 1.15;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const groupWidth = plotWidth / Math.max(1, steps.length);
  const barWidth = (groupWidth * 0.7) / Math.max(1, stores.length);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14">Reminder scan time by meetings / members in the store</text>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotHeight}" x2="${WIDTH - MARGIN.right}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>`,
    `<text x="16" y="${MARGIN.top + plotHeight / 2}" transform="rotate(-90 16 ${MARGIN.top + plotHeight / 2})" text-anchor="middle">scan ms</text>`,
  ];
  steps.forEach((step, s) => {
    const groupX = MARGIN.left + s * groupWidth + groupWidth * 0.15;
    parts.push(
      `<text x="${groupX + (barWidth * stores.length) / 2}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${escapeXml(step)}</text>`,
    );
    stores.forEach((store, k) => {
      const row = rows.find(
        (candidate) => candidate.store === store && `${candidate.meetings} / ${candidate.members}` === step,
      );
      if (!row) return;
      const height = (row.scanMs / top) * plotHeight;
      const x = groupX + k * barWidth;
      const y = MARGIN.top + plotHeight - height;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(barWidth - 4).toFixed(1)}" height="${height.toFixed(1)}" fill="${COLOURS[k % COLOURS.length]}"/>`,
        `<text x="${(x + barWidth / 2 - 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${ms(row.scanMs)}</text>`,
      );
    });
  });
  stores.forEach((store, k) => {
    const x = MARGIN.left + k * 120;
    parts.push(
      `<rect x="${x}" y="${HEIGHT - 22}" width="12" height="12" fill="${COLOURS[k % COLOURS.length]}"/>`,
      `<text x="${x + 18}" y="${HEIGHT - 12}">${escapeXml(store)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
