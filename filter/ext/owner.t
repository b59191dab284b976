# owner match
-4
*filter
:OUTPUT
-m owner --uid-owner 0;=
-m owner --uid-owner root;-m owner --uid-owner 0
-m owner --uid-owner 1000-2000;=
-m owner ! --uid-owner 1000;=
-m owner --gid-owner 0;=
-m owner --gid-owner root;-m owner --gid-owner 0
-m owner --gid-owner 5-10 --suppl-groups;=
-m owner --socket-exists;=
-m owner ! --socket-exists;=
-m owner --uid-owner 0 --gid-owner 0 --socket-exists;-m owner --socket-exists --uid-owner 0 --gid-owner 0
-m owner --uid-owner nosuchuser;FAIL;owner: Bad value for "--uid-owner" option: "nosuchuser"
-m owner --uid-owner 4294967295;FAIL;owner: Bad value for "--uid-owner" option: "4294967295"
-m owner --uid-owner 4294967294;=
-m owner;FAIL;owner: At least one of --uid-owner, --gid-owner or --socket-exists is required
-m owner --suppl-groups;FAIL;owner: Bad value for "--suppl-groups" option: "you need to use --gid-owner first"
-m owner --uid-owner 5-1;FAIL;@commit
:POSTROUTING
:INPUT,FORWARD
-m owner --uid-owner 0;FAIL;@commit
*mangle
:POSTROUTING,OUTPUT
-m owner --uid-owner 0;=
:PREROUTING
-m owner --uid-owner 0;FAIL;@commit
-6
*filter
:OUTPUT
-m owner --uid-owner 0;=
