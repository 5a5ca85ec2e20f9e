// React binding: the locale lives in the UI store; components call useT() and re-render when it changes.
import { useMemo } from 'react';
import { useUiState } from '../ui/store/context';
import { translator, type MessageKey, type Namespace, type Params } from './index';

export function useT<N extends Namespace = 'ui'>(ns?: N): (key: MessageKey<N>, params?: Params) => string {
  const locale = useUiState((s) => s.locale);
  return useMemo(() => translator(locale, ns), [locale, ns]);
}
