/** A figure of the demo: loaded lazily, so the entry stays small. */
export interface FigureModule {
  /** Draws the figure into `root` from the URL state and wires its interactions. */
  mount(root: HTMLElement): void;
}

/** The figures, in menu order. */
export const figures: { id: string; title: string; load: () => Promise<FigureModule> }[] = [
  {
    id: 'fisher-rao',
    title: 'Fisher–Rao geometry of N(μ, σ)',
    load: () => import('./figures/fisher-rao.js'),
  },
  { id: 'kl-local', title: 'KL as ½ δᵀIδ', load: () => import('./figures/kl-local.js') },
  { id: 'cramer-rao', title: 'Cramér–Rao', load: () => import('./figures/cramer-rao.js') },
];
