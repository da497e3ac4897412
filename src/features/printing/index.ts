/**
 * The printouts of a meeting: its minutes as HTML and PDF and its agenda as PDF with the material
 * list, behind the meeting's signed link token. Uses the agenda and the record through their
 * public entries; nothing imports this feature but the composition root.
 */
export { registerPrintRoutes, printLinks, type PrintRouteDeps } from './print-routes';
export { agendaPrintDocument, agendaMaterial } from './agenda-print';
