// The supplier scorecard: periods, scoring, allocation and its JSON / result-sheet forms.
export * from './allocate';
export * from './period';
export * from './report';
export * from './score';
