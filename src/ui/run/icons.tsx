// Line icons for the run menu (stroked, so they read at 14 px on the dark header).
const paths = {
  share: 'M10 2.5h3.5V6M13.5 2.5 7.5 8.5M12 9.5v4H2.5V4h4',
  export: 'M8 2v8M4.75 6.75 8 10l3.25-3.25M2.5 11v2.5h11V11',
  import: 'M8 10.5V2.5M4.75 5.75 8 2.5l3.25 3.25M2.5 11v2.5h11V11',
  reset: 'M2.75 8a5.25 5.25 0 1 0 1.6-3.8M4.35 1.75v2.5h2.5',
} as const;

export function RunIcon({ name }: { name: keyof typeof paths }) {
  return (
    <svg className="run-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={paths[name]} />
    </svg>
  );
}
