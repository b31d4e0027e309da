/**
 * The preference page's "Empty weeks" setting (issue 18.5). The hidden "no" comes first so an
 * unticked box still sends an answer (saveEmptyWeekNotes reads the last value). The note's
 * "Turn these notes off" link lands here (#field-emptyWeekNotes).
 */
export function EmptyWeekNotesField(props: { on: boolean }) {
  return (
    <fieldset id="field-emptyWeekNotes" aria-describedby="emptyWeekNotes-hint">
      <legend>Empty weeks</legend>
      <p class="hint" id="emptyWeekNotes-hint">
        A week with nothing new sends nothing. After two such weeks in a row we can send one short note with the
        listings that missed your filters by one.
      </p>
      <input type="hidden" name="emptyWeekNotes" value="no" />
      <label>
        <input type="checkbox" name="emptyWeekNotes" value="yes" checked={props.on} /> Send me that note
      </label>
    </fieldset>
  );
}
