import {
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { ComponentType } from 'react';
import {
  RdsEnvironmentPickerFieldExtension,
  RdsJustificationFieldExtension,
  RdsPlanReviewFieldExtension,
} from './plugin';
import { RdsEnvironmentPicker } from './components/RdsEnvironmentPicker';
import { RdsJustificationField } from './components/RdsJustificationField';
import { RdsPlanReview } from './components/RdsPlanReview';

/**
 * What ScaffolderPage does with its children to build the form's fields: each
 * field found, with `(ours)` when its component is `ours`.
 */
async function fieldsFound(
  extensions: JSX.Element[],
  ours: ComponentType<any>,
): Promise<string[]> {
  function Fields() {
    const fields = useCustomFieldExtensions(
      <ScaffolderFieldExtensions>{extensions}</ScaffolderFieldExtensions>,
    );
    return (
      <ul>
        {fields.map(field => (
          <li key={field.name}>
            {field.name}
            {field.component === ours && ' (ours)'}
            {field.validation && ' (validated)'}
          </li>
        ))}
      </ul>
    );
  }
  await renderInTestApp(<Fields />);
  return screen.getAllByRole('listitem').map(item => item.textContent ?? '');
}

describe('the scaffolder field extensions (legacy frontend system)', () => {
  it('finds RdsEnvironmentPicker among the ScaffolderPage’s field extensions', async () => {
    await expect(
      fieldsFound(
        [<RdsEnvironmentPickerFieldExtension key="env" />],
        RdsEnvironmentPicker,
      ),
    ).resolves.toEqual(['RdsEnvironmentPicker (ours) (validated)']);
  });

  it('finds RdsJustification and RdsPlanReview next to the environment picker', async () => {
    const all = [
      <RdsEnvironmentPickerFieldExtension key="env" />,
      <RdsJustificationFieldExtension key="why" />,
      <RdsPlanReviewFieldExtension key="plan" />,
    ];
    await expect(fieldsFound(all, RdsJustificationField)).resolves.toEqual([
      'RdsEnvironmentPicker (validated)',
      'RdsJustification (ours) (validated)',
      'RdsPlanReview (validated)',
    ]);
  });

  it('gives RdsPlanReview its component', async () => {
    await expect(
      fieldsFound([<RdsPlanReviewFieldExtension key="plan" />], RdsPlanReview),
    ).resolves.toEqual(['RdsPlanReview (ours) (validated)']);
  });
});
