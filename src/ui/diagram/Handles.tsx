// Invisible connection points for the wires (React Flow needs handles to draw edges).
import { Handle, Position } from '@xyflow/react';

export function Handles() {
  return (
    <>
      <Handle id="left" type="target" position={Position.Left} className="handle" isConnectable={false} />
      <Handle id="right" type="source" position={Position.Right} className="handle" isConnectable={false} />
      <Handle id="top" type="target" position={Position.Top} className="handle" isConnectable={false} />
      <Handle id="bottom" type="source" position={Position.Bottom} className="handle" isConnectable={false} />
      <Handle id="bottom" type="target" position={Position.Bottom} className="handle" isConnectable={false} />
    </>
  );
}
