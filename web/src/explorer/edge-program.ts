// A sigma.js edge program that draws straight edges, clamped to the target node to leave room for an
// arrow head, solid, dashed or dotted by the edge's `dash` attribute (0, 1, 2). Sigma 3 draws no dashed
// edges of its own; this is its clamped program with the distance along the edge passed to the
// fragment shader, which drops the pixels in the gaps. Picking (clicks) ignores the gaps.
import type { Attributes } from 'graphology-types';
import { createEdgeArrowHeadProgram, createEdgeCompoundProgram, EdgeProgram, type ProgramInfo } from 'sigma/rendering';
import type { EdgeDisplayData, NodeDisplayData, RenderParams } from 'sigma/types';
import { floatColor } from 'sigma/utils';

import { DASH_PATTERNS } from './styles.js';

const LENGTH_TO_THICKNESS = 2.5;

const VERTEX_SHADER = /* glsl */ `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec2 a_normal;
attribute float a_normalCoef;
attribute vec2 a_positionStart;
attribute vec2 a_positionEnd;
attribute float a_positionCoef;
attribute float a_radius;
attribute float a_radiusCoef;
attribute float a_dash;

uniform mat3 u_matrix;
uniform float u_zoomRatio;
uniform float u_sizeRatio;
uniform float u_pixelRatio;
uniform float u_correctionRatio;
uniform float u_minEdgeThickness;
uniform float u_feather;
uniform vec2 u_resolution;

varying vec4 v_color;
varying vec2 v_normal;
varying float v_thickness;
varying float v_feather;
varying float v_along;
varying float v_dash;

const float bias = 255.0 / 254.0;

void main() {
  float radius = a_radius * a_radiusCoef;
  vec2 normal = a_normal * a_normalCoef;
  vec2 position = a_positionStart * (1.0 - a_positionCoef) + a_positionEnd * a_positionCoef;

  float normalLength = length(normal);
  vec2 unitNormal = normal / normalLength;
  float pixelsThickness = max(normalLength, u_minEdgeThickness * u_sizeRatio);
  float webGLThickness = pixelsThickness * u_correctionRatio / u_sizeRatio;

  float direction = sign(radius);
  float webGLNodeRadius = direction * radius * 2.0 * u_correctionRatio / u_sizeRatio;
  float webGLArrowHeadLength = webGLThickness * ${LENGTH_TO_THICKNESS.toFixed(1)} * 2.0;
  vec2 compensationVector = vec2(-direction * unitNormal.y, direction * unitNormal.x) * (webGLNodeRadius + webGLArrowHeadLength);

  gl_Position = vec4((u_matrix * vec3(position + unitNormal * webGLThickness + compensationVector, 1)).xy, 0, 1);

  // Length of the edge on screen, in CSS pixels, so dashes keep their size at every zoom level.
  vec2 start = (u_matrix * vec3(a_positionStart, 1)).xy;
  vec2 end = (u_matrix * vec3(a_positionEnd, 1)).xy;
  v_along = a_positionCoef * length((end - start) * u_resolution * 0.5);
  v_dash = a_dash;

  v_thickness = webGLThickness / u_zoomRatio;
  v_normal = unitNormal;
  v_feather = u_feather * u_correctionRatio / u_zoomRatio / u_pixelRatio * 2.0;

  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  v_color.a *= bias;
}
`;

const dashed = DASH_PATTERNS.dashed ?? [8, 5];
const dotted = DASH_PATTERNS.dotted ?? [2, 4];

const FRAGMENT_SHADER = /* glsl */ `
precision mediump float;

varying vec4 v_color;
varying vec2 v_normal;
varying float v_thickness;
varying float v_feather;
varying float v_along;
varying float v_dash;

const vec4 transparent = vec4(0.0, 0.0, 0.0, 0.0);

void main(void) {
  #ifdef PICKING_MODE
  gl_FragColor = v_color;
  #else
  if (v_dash > 0.5) {
    float on = v_dash > 1.5 ? ${dotted[0].toFixed(1)} : ${dashed[0].toFixed(1)};
    float off = v_dash > 1.5 ? ${dotted[1].toFixed(1)} : ${dashed[1].toFixed(1)};
    if (mod(v_along, on + off) > on) discard;
  }
  float dist = length(v_normal) * v_thickness;
  float t = smoothstep(v_thickness - v_feather, v_thickness, dist);
  gl_FragColor = mix(v_color, transparent, t);
  #endif
}
`;

const UNIFORMS = [
  'u_matrix',
  'u_zoomRatio',
  'u_sizeRatio',
  'u_correctionRatio',
  'u_pixelRatio',
  'u_feather',
  'u_minEdgeThickness',
  'u_resolution',
] as const;
type Uniform = (typeof UNIFORMS)[number];

/** The value of the `dash` edge attribute for a line style. */
export const DASH_CODES = Object.freeze({ solid: 0, dashed: 1, dotted: 2 });

const { FLOAT, UNSIGNED_BYTE, TRIANGLES } = WebGLRenderingContext;

class EdgeDashedClampedProgram<N extends Attributes, E extends Attributes, G extends Attributes> extends EdgeProgram<Uniform, N, E, G> {
  getDefinition() {
    return {
      VERTICES: 6,
      VERTEX_SHADER_SOURCE: VERTEX_SHADER,
      FRAGMENT_SHADER_SOURCE: FRAGMENT_SHADER,
      METHOD: TRIANGLES,
      UNIFORMS,
      ATTRIBUTES: [
        { name: 'a_positionStart', size: 2, type: FLOAT },
        { name: 'a_positionEnd', size: 2, type: FLOAT },
        { name: 'a_normal', size: 2, type: FLOAT },
        { name: 'a_color', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_id', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_radius', size: 1, type: FLOAT },
        { name: 'a_dash', size: 1, type: FLOAT },
      ],
      CONSTANT_ATTRIBUTES: [
        { name: 'a_positionCoef', size: 1, type: FLOAT },
        { name: 'a_normalCoef', size: 1, type: FLOAT },
        { name: 'a_radiusCoef', size: 1, type: FLOAT },
      ],
      CONSTANT_DATA: [
        [0, 1, 0],
        [0, -1, 0],
        [1, 1, 1],
        [1, 1, 1],
        [0, -1, 0],
        [1, -1, -1],
      ],
    };
  }

  processVisibleItem(edgeIndex: number, startIndex: number, source: NodeDisplayData, target: NodeDisplayData, data: EdgeDisplayData) {
    const thickness = data.size || 1;
    const dx = target.x - source.x;
    const dy = target.y - source.y;
    const squared = dx * dx + dy * dy;
    let n1 = 0;
    let n2 = 0;
    if (squared) {
      const inverse = 1 / Math.sqrt(squared);
      n1 = -dy * inverse * thickness;
      n2 = dx * inverse * thickness;
    }
    const dash = (data as EdgeDisplayData & { dash?: number }).dash ?? 0;
    const array = this.array;
    array[startIndex++] = source.x;
    array[startIndex++] = source.y;
    array[startIndex++] = target.x;
    array[startIndex++] = target.y;
    array[startIndex++] = n1;
    array[startIndex++] = n2;
    array[startIndex++] = floatColor(data.color);
    array[startIndex++] = edgeIndex;
    array[startIndex++] = target.size || 1;
    array[startIndex++] = dash;
  }

  setUniforms(params: RenderParams, { gl, uniformLocations }: ProgramInfo<Uniform>) {
    gl.uniformMatrix3fv(uniformLocations.u_matrix, false, params.matrix);
    gl.uniform1f(uniformLocations.u_zoomRatio, params.zoomRatio);
    gl.uniform1f(uniformLocations.u_sizeRatio, params.sizeRatio);
    gl.uniform1f(uniformLocations.u_correctionRatio, params.correctionRatio);
    gl.uniform1f(uniformLocations.u_pixelRatio, params.pixelRatio);
    gl.uniform1f(uniformLocations.u_feather, params.antiAliasingFeather);
    gl.uniform1f(uniformLocations.u_minEdgeThickness, params.minEdgeThickness);
    gl.uniform2f(uniformLocations.u_resolution, params.width, params.height);
  }
}

/** Straight edges with an arrow head, solid, dashed or dotted by the `dash` attribute. */
export const EdgeStatusArrowProgram = createEdgeCompoundProgram([
  EdgeDashedClampedProgram,
  createEdgeArrowHeadProgram({ lengthToThicknessRatio: LENGTH_TO_THICKNESS }),
]);
