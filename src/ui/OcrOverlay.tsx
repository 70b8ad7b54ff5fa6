// The user's image with every detected text box drawn over it (SVG, so it scales with the image),
// each labelled with its line number; the highlighted line is drawn stronger.
import type { OcrResult } from '../tasks/ocr/ocr-pipeline';

interface OcrOverlayProps {
  readonly imageUrl: string;
  readonly width: number;
  readonly height: number;
  readonly lines: OcrResult['lines'];
  readonly highlighted?: number;
}

export function OcrOverlay({ imageUrl, width, height, lines, highlighted }: OcrOverlayProps) {
  const stroke = Math.max(1, Math.round(Math.max(width, height) / 400));
  return (
    <div className="ocr-overlay">
      <img src={imageUrl} alt="Your image, with the text boxes found in it" />
      <svg viewBox={`0 0 ${width} ${height}`} aria-hidden="true" data-testid="ocr-boxes">
        {lines.map((line, index) => (
          <g key={index} className={index === highlighted ? 'box highlighted' : 'box'}>
            <polygon
              points={line.box.points.map((point) => `${point.x},${point.y}`).join(' ')}
              strokeWidth={index === highlighted ? stroke * 2 : stroke}
            />
            <text x={line.box.points[0].x} y={line.box.points[0].y - stroke * 2} fontSize={stroke * 10}>
              {index + 1}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}
