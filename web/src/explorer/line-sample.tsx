// A short line drawn the way the graph draws an edge of a claim status (legend, panels, filters).
import type { ReactElement } from 'react';

import { DASH_PATTERNS, EDGE_COLOURS, statusLine } from './styles.js';

/** An SVG line in the style of `status`. */
export function LineSample({ status }: { readonly status: string }): ReactElement {
  const pattern = DASH_PATTERNS[statusLine(status)];
  return (
    <svg className="line-sample" width="36" height="10" viewBox="0 0 36 10" aria-hidden="true">
      <line
        x1="1"
        y1="5"
        x2="35"
        y2="5"
        stroke={EDGE_COLOURS.selected}
        strokeWidth="3"
        strokeDasharray={pattern ? pattern.join(' ') : undefined}
        strokeLinecap="butt"
      />
    </svg>
  );
}
