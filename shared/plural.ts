// English counts with the right noun: "1 day", "7 days". (Chinese needs no plural: 1 天, 7 天.)

/** days(1) === '1 day', days(7) === '7 days' */
export const days = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'}`;
