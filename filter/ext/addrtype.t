# addrtype match (revision 1)
-4
*filter
:INPUT,FORWARD,OUTPUT
-m addrtype --src-type LOCAL;=
-m addrtype ! --dst-type UNICAST,LOCAL;=
-m addrtype --dst-type local;-m addrtype --dst-type LOCAL
-m addrtype --src-type BROADCAST --dst-type MULTICAST;=
-m addrtype --dst-type FOO;FAIL;addrtype: bad type "FOO"
-m addrtype;FAIL;addrtype: you must specify --src-type or --dst-type
-m addrtype --src-type UNSPEC,UNICAST,LOCAL,BROADCAST,ANYCAST,MULTICAST,BLACKHOLE,UNREACHABLE,PROHIBIT,THROW,NAT,XRESOLVE;=
-m addrtype --src-type XRESOLVE,NAT,LOCAL;-m addrtype --src-type LOCAL,NAT,XRESOLVE
-m addrtype --src-type LOCAL --limit-iface-in --limit-iface-out;FAIL;addrtype: option "--limit-iface-in" cannot be used together with "--limit-iface-out".
-m addrtype ! --src-type LOCAL ! --dst-type LOCAL;=
-m addrtype --src-type LOCAL --src-type UNICAST;FAIL;addrtype: option "--src-type" can only be used once.
:INPUT,FORWARD
-m addrtype --src-type BROADCAST --limit-iface-in;=
:INPUT
-m addrtype --src-type LOCAL --limit-iface-out;FAIL;@commit
:FORWARD
-m addrtype --src-type LOCAL --limit-iface-out;=
:OUTPUT
-m addrtype --src-type LOCAL --limit-iface-out;=
-m addrtype --src-type LOCAL --limit-iface-in;FAIL;@commit
*nat
:PREROUTING
-m addrtype --dst-type LOCAL --limit-iface-in;=
:POSTROUTING,OUTPUT
-m addrtype --dst-type LOCAL --limit-iface-out;=
-6
*filter
:INPUT
-m addrtype --src-type LOCAL;=
-m addrtype --dst-type MULTICAST --limit-iface-in;=
# packets (kernel only: routes)
-4
*mangle
:PREROUTING
-m addrtype --dst-type LOCAL;=
>proto=udp;match;kernel
>proto=udp dst=10.77.0.9;nomatch;kernel
-m addrtype --dst-type BROADCAST;=
>proto=udp dst=10.77.0.255;match;kernel
>proto=udp;nomatch;kernel
-m addrtype --src-type UNICAST --dst-type MULTICAST;=
>proto=udp dst=224.0.0.251;match;kernel
