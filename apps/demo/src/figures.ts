/** A figure of the demo: loaded lazily, so the entry stays small. */
export interface FigureModule {
  /** Draws the figure into `root` from the URL state and wires its interactions. */
  mount(root: HTMLElement): void;
}

/** The figures, in menu order (the numbering of the demo's plan). */
export const figures: { id: string; title: string; load: () => Promise<FigureModule> }[] = [
  {
    id: 'natural-gradient',
    title: 'Natural gradient vs GD vs Adam',
    load: () => import('./figures/natural-gradient.js'),
  },
  {
    id: 'fisher-rao',
    title: 'Fisher–Rao geometry of N(μ, σ)',
    load: () => import('./figures/fisher-rao.js'),
  },
  { id: 'kl-local', title: 'KL as ½ δᵀIδ', load: () => import('./figures/kl-local.js') },
  {
    id: 'latent-geodesics',
    title: 'Latent geodesics (MNIST decoder)',
    load: () => import('./figures/latent-geodesics.js'),
  },
  {
    id: 'manifold-learning',
    title: 'Manifold learning',
    load: () => import('./figures/manifold-learning.js'),
  },
  {
    id: 'embedding-playground',
    title: 't-SNE / UMAP playground',
    load: () => import('./figures/embedding-playground.js'),
  },
  { id: 'cramer-rao', title: 'Cramér–Rao', load: () => import('./figures/cramer-rao.js') },
  {
    id: 'fisher-spectrum',
    title: 'Fisher spectrum: Lanczos vs K-FAC',
    load: () => import('./figures/fisher-spectrum.js'),
  },
];

/** The figure shown when the URL names none: the lightest one, so the first paint is fast. */
export const defaultFigure = 'fisher-rao';
