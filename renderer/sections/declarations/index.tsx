import { useNav } from '../../app/stores';
import { DossierEditor } from './DossierEditor';
import { DossierList } from './DossierList';
import { PrintView } from './PrintView';
import './declarations.css';

/** Declarations: `#/declarations` the dossier list, `…/edit/<id>` the draft editor, `…/print/<id>` the print view. */
export default function Page() {
  const params = useNav((s) => s.params);
  const [view, id] = params;
  return (
    <section data-testid="section-declarations" className="declarations">
      {view === 'edit' && id ? (
        <DossierEditor id={id} />
      ) : view === 'print' && id ? (
        <PrintView id={id} />
      ) : (
        <DossierList />
      )}
    </section>
  );
}
