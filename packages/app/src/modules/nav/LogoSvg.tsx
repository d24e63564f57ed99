import { makeStyles } from '@material-ui/core';

/** The Backstage mark's look in the sidebar: its colour, scaled to a height. */
const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: ({ height }: LogoSvgProps) => height,
  },
  path: {
    fill: '#7df3e1',
  },
});

/** A logo drawn as one SVG path. */
export interface LogoSvgProps {
  /** Height in pixels; the width follows the view box. */
  height: number;
  viewBox: string;
  /** The path's `d`. */
  path: string;
}

/** The sidebar's logo, open (the wordmark) or closed (the icon). */
export const LogoSvg = (props: LogoSvgProps) => {
  const classes = useStyles(props);

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox={props.viewBox}
    >
      <path className={classes.path} d={props.path} />
    </svg>
  );
};
