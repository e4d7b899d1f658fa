/**
 * The departure dates a scenario diff uses when none are given: one in each
 * regime of the Amur and Ussuri crossings in 2024 — mid-January (ice roads
 * and winter pontoons), late April (the ice break-up, when neither ice nor
 * ferries run), mid-July (summer ferries and barges) and late November (the
 * freeze-up). A single date in one season hides what a bridge changes: on
 * 15 March every bridge pair also has its ice road, so `before-bridges` vs
 * `current` showed "0 switched".
 */
export const DEFAULT_DIFF_DATES: readonly string[] = ['2024-01-15', '2024-04-25', '2024-07-15', '2024-11-25'];
