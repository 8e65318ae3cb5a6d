#!/usr/bin/env node
// Draws the app's icons with pngjs (no image tools needed): a speech bubble with a ">_" prompt cut
// out of it. Run `node resources/generate-icons.mjs` after changing the shape; the PNGs are
// committed. Shapes are signed-distance functions, rendered with 4×4 supersampling.
//
//   trayTemplate.png, @2x     macOS menu bar: black + alpha, macOS tints it ("Template" suffix)
//   tray-light.png, @2x       dark glyph for light panels (Windows, Linux)
//   tray-dark.png, @2x        light glyph for dark panels
//   …-problem.png, @2x        the same with a dot at the top right: health has a problem
//   icon.png (1024)           app icon (dmg, AppImage, deb, nsis); electron-builder derives the rest
//   ../src-renderer/public/favicon.png (64)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const here = dirname(fileURLToPath(import.meta.url));

function roundedBox(px, py, cx, cy, hw, hh, r) {
  const qx = Math.abs(px - cx) - hw + r;
  const qy = Math.abs(py - cy) - hh + r;
  return Math.min(Math.max(qx, qy), 0) + Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) - r;
}

function segment(px, py, ax, ay, bx, by, r) {
  const pax = px - ax;
  const pay = py - ay;
  const bax = bx - ax;
  const bay = by - ay;
  const h = Math.max(0, Math.min(1, (pax * bax + pay * bay) / (bax * bax + bay * bay)));
  return Math.hypot(pax - bax * h, pay - bay * h) - r;
}

function triangle(px, py, [ax, ay], [bx, by], [cx, cy]) {
  const sign = (x1, y1, x2, y2, x3, y3) => (x1 - x3) * (y2 - y3) - (x2 - x3) * (y1 - y3);
  const d1 = sign(px, py, ax, ay, bx, by);
  const d2 = sign(px, py, bx, by, cx, cy);
  const d3 = sign(px, py, cx, cy, ax, ay);
  const neg = d1 < 0 || d2 < 0 || d3 < 0;
  const pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

/** Is the point (unit square, y down) inside the glyph? */
function glyph(x, y) {
  const bubble = roundedBox(x, y, 0.5, 0.43, 0.44, 0.33, 0.16) <= 0 || triangle(x, y, [0.2, 0.68], [0.42, 0.7], [0.16, 0.94]);
  if (!bubble) return false;
  const chevron = segment(x, y, 0.27, 0.3, 0.41, 0.43, 0.055) <= 0 || segment(x, y, 0.41, 0.43, 0.27, 0.56, 0.055) <= 0;
  const underscore = segment(x, y, 0.5, 0.56, 0.7, 0.56, 0.055) <= 0;
  return !(chevron || underscore);
}

function coverage(size, px, py, inside, samples = 4) {
  let hits = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      if (inside((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits++;
    }
  }
  return hits / (samples * samples);
}

function draw(size, paint) {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = paint(x, y);
      const i = (y * size + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = Math.round(a * 255);
    }
  }
  return PNG.sync.write(png);
}

const glyphIn = ([r, g, b]) => (size) => draw(size, (x, y) => [r, g, b, coverage(size, x, y, glyph)]);

/** The "problem" badge: a dot at the top right, with a clear ring cut out of the glyph around it. */
const DOT = { x: 0.8, y: 0.2, r: 0.19, ring: 0.07 };
const inDot = (x, y) => Math.hypot(x - DOT.x, y - DOT.y) <= DOT.r;
const nearDot = (x, y) => Math.hypot(x - DOT.x, y - DOT.y) <= DOT.r + DOT.ring;

/** The glyph in `[r, g, b]` with the badge dot in `dot` (the same colour for macOS templates). */
const glyphWithDot = (rgb, dot) => (size) =>
  draw(size, (x, y) => {
    const d = coverage(size, x, y, inDot);
    const g = coverage(size, x, y, (u, v) => glyph(u, v) && !nearDot(u, v));
    const a = Math.min(1, d + g);
    const mix = a === 0 ? 0 : d / a;
    return [0, 1, 2].map((i) => Math.round(rgb[i] * (1 - mix) + dot[i] * mix)).concat(a);
  });

/** Amber, readable on light and dark panels alike. */
const AMBER = [0xf5, 0x9e, 0x0b];

/** App icon: the glyph in white on a Signal-blue rounded square, with a margin as macOS expects. */
function appIcon(size) {
  const inset = 0.1;
  const plate = (x, y) => roundedBox(x, y, 0.5, 0.5, 0.5 - inset, 0.5 - inset, 0.2) <= 0;
  const inner = (x, y) => glyph((x - 0.24) / 0.52, (y - 0.25) / 0.52) && x > 0.24 && x < 0.76 && y > 0.25 && y < 0.77;
  return draw(size, (x, y) => {
    const p = coverage(size, x, y, plate, size > 256 ? 2 : 4);
    const g = coverage(size, x, y, inner, size > 256 ? 2 : 4);
    const blend = (c) => Math.round(c * (1 - g) + 255 * g);
    return [blend(0x3a), blend(0x76), blend(0xf0), p];
  });
}

const outputs = {
  'trayTemplate.png': () => glyphIn([0, 0, 0])(16),
  'trayTemplate@2x.png': () => glyphIn([0, 0, 0])(32),
  'tray-light.png': () => glyphIn([0x20, 0x21, 0x24])(16),
  'tray-light@2x.png': () => glyphIn([0x20, 0x21, 0x24])(32),
  'tray-dark.png': () => glyphIn([0xff, 0xff, 0xff])(16),
  'tray-dark@2x.png': () => glyphIn([0xff, 0xff, 0xff])(32),
  'trayTemplate-problem.png': () => glyphWithDot([0, 0, 0], [0, 0, 0])(16),
  'trayTemplate-problem@2x.png': () => glyphWithDot([0, 0, 0], [0, 0, 0])(32),
  'tray-light-problem.png': () => glyphWithDot([0x20, 0x21, 0x24], AMBER)(16),
  'tray-light-problem@2x.png': () => glyphWithDot([0x20, 0x21, 0x24], AMBER)(32),
  'tray-dark-problem.png': () => glyphWithDot([0xff, 0xff, 0xff], AMBER)(16),
  'tray-dark-problem@2x.png': () => glyphWithDot([0xff, 0xff, 0xff], AMBER)(32),
  'icon.png': () => appIcon(1024),
  '../src-renderer/public/favicon.png': () => appIcon(64),
};

for (const [name, make] of Object.entries(outputs)) {
  const path = join(here, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, make());
  console.log(`wrote ${path}`);
}
