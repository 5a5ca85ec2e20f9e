// Motion's animation features (domAnimation) as their own chunk: see load-motion.ts.
import { domAnimation } from 'motion/react';

export default domAnimation;
