import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import type { IdentityApi } from '@backstage/core-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

const CHOICE_KEY = 'rds-demo-sign-in';

/** The embedded demo's identities: app-config.yaml `auth.providers`. */
const PEOPLE = [
  {
    provider: 'guest',
    title: 'Guest',
    button: 'Enter',
    text: 'A developer in team-payments: requests databases. In prod a request waits for approval.',
  },
  {
    provider: 'demo-approver',
    title: 'Pat (platform team)',
    button: 'Sign in as Pat',
    text: 'A platform-team member: approves or rejects requests on Database requests and the Database tab.',
  },
];

/** Forgets the choice on sign-out, so the next sign-in can be the other person. */
function forgetOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      localStorage.removeItem(CHOICE_KEY);
      await identity.signOut();
    },
  };
}

/**
 * The demo's sign-in page: the guest (requester) or Pat (approver), both
 * guest-like proxy providers of the auth backend. The choice is remembered
 * until sign-out, so a reload signs in again silently.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const [choice, setChoice] = useState(() => localStorage.getItem(CHOICE_KEY));
  if (choice) {
    return (
      <ProxiedSignInPage
        {...props}
        provider={choice}
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgetOnSignOut(identity))
        }
      />
    );
  }
  const choose = (provider: string) => {
    localStorage.setItem(CHOICE_KEY, provider);
    setChoice(provider);
  };
  return (
    <Page themeId="home">
      <Header
        title="Self-service Postgres"
        subtitle="Sign in as one of the demo's people"
      />
      <Content>
        <Grid container spacing={3}>
          {PEOPLE.map(person => (
            <Grid item xs={12} md={4} key={person.provider}>
              <InfoCard
                title={person.title}
                variant="fullHeight"
                actions={
                  <Button
                    color="primary"
                    variant="outlined"
                    onClick={() => choose(person.provider)}
                  >
                    {person.button}
                  </Button>
                }
              >
                <Typography variant="body1">{person.text}</Typography>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
