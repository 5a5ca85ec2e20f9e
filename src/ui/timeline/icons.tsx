// Small inline icons: font glyphs like ⏭ are missing on some projector laptops.
const paths = {
  play: 'M4 2.5v11l9-5.5z',
  pause: 'M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z',
  step: 'M2.5 2.5v11l7.5-5.5zM11 2.5h2.5v11H11z',
  fastForward: 'M1.5 3v10l6.5-5zM8.5 3v10l6.5-5z',
  stepBack: 'M13.5 2.5v11L6 8zM2.5 2.5H5v11H2.5z',
  undo: 'M6 3L1.5 7 6 11V8.5h4a3 3 0 010 6H8V16h2a4.5 4.5 0 000-9H6z',
} as const;

export function Icon({ name }: { name: keyof typeof paths }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={paths[name]} />
    </svg>
  );
}
