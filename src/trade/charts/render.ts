/**
 * Server-side rendering of chart options, without a browser: ECharts' SSR
 * SVG renderer (`echarts.init(null, null, { renderer: 'svg', ssr: true })` +
 * `renderToSVGString()`), and PNG from that SVG with resvg.
 *
 * Fonts for PNG: resvg draws only the glyphs of the fonts it loads. We load
 * Noto Sans CJK (Debian `fonts-noto-cjk`, which also covers Latin and
 * Cyrillic) where installed, and DejaVu Sans (Latin, Cyrillic) as a fallback;
 * `AMUR_FONT_FILES` (a path list) adds others. Without a CJK font, Chinese
 * labels cannot be drawn: `renderPng` says so in its warnings instead of
 * failing. SVG output needs no fonts (the viewer's are used).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter } from 'node:path';

// ECharts and resvg are loaded on the first render, not when a command that
// may never draw imports this module (`amur trade sources` would pay ~0.3 s
// for ECharts); both ship CommonJS builds, so the renderers stay synchronous.
const require = createRequire(import.meta.url);
let echartsLib: typeof import('echarts') | undefined;
let resvgLib: typeof import('@resvg/resvg-js') | undefined;
const echarts = () => (echartsLib ??= require('echarts') as typeof import('echarts'));
const resvgJs = () => (resvgLib ??= require('@resvg/resvg-js') as typeof import('@resvg/resvg-js'));

export interface RenderSize {
  width?: number;
  height?: number;
}

/** Renders an ECharts option to an SVG string (animation off, deterministic). */
export function renderSvg(option: Record<string, unknown>, size: RenderSize = {}): string {
  const chart = echarts().init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width ?? 800,
    height: size.height ?? 500,
  });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const CJK_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/System/Library/Fonts/PingFang.ttc',
];
const LATIN_FONTS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
];

export interface FontSet {
  files: string[];
  /** the family to use for generic names (sans-serif) */
  family: string;
  cjk: boolean;
}

/** The fonts the PNG renderer will load. */
export function findFonts(env: NodeJS.ProcessEnv = process.env): FontSet {
  const extra = (env.AMUR_FONT_FILES ?? '').split(delimiter).filter((f) => f && existsSync(f));
  const cjk = CJK_FONTS.filter(existsSync);
  const latin = LATIN_FONTS.filter(existsSync);
  return {
    files: [...extra, ...cjk, ...latin],
    family: cjk.length ? 'Noto Sans CJK SC' : latin.length ? 'DejaVu Sans' : 'sans-serif',
    cjk: cjk.length > 0 || extra.length > 0,
  };
}

const HAS_CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Renders an SVG string to PNG bytes; warnings say what could not be drawn. */
export function renderPng(
  svg: string,
  opts: { scale?: number; fonts?: FontSet } = {},
): { png: Buffer; warnings: string[] } {
  const fonts = opts.fonts ?? findFonts();
  const warnings: string[] = [];
  if (fonts.files.length === 0)
    warnings.push(
      'no font files found: text is left out of the PNG (install fonts-noto-cjk or set AMUR_FONT_FILES)',
    );
  else if (!fonts.cjk && HAS_CJK.test(svg))
    warnings.push(
      'no CJK font found: Chinese characters cannot be drawn in the PNG (install Debian fonts-noto-cjk or set AMUR_FONT_FILES); the SVG output is complete',
    );
  const resvg = new (resvgJs().Resvg)(svg, {
    fitTo: opts.scale && opts.scale !== 1 ? { mode: 'zoom', value: opts.scale } : { mode: 'original' },
    background: 'white',
    font: {
      fontFiles: fonts.files,
      loadSystemFonts: false,
      defaultFontFamily: fonts.family,
      sansSerifFamily: fonts.family,
    },
  });
  return { png: resvg.render().asPng(), warnings };
}
