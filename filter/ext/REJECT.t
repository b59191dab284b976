# REJECT target
-4
*filter
:INPUT,FORWARD,OUTPUT
-j REJECT;-j REJECT --reject-with icmp-port-unreachable
-j REJECT --reject-with icmp-port-unreachable;=
-j REJECT --reject-with icmp-net-unreachable;=
-j REJECT --reject-with icmp-host-unreachable;=
-j REJECT --reject-with icmp-proto-unreachable;=
-j REJECT --reject-with icmp-net-prohibited;=
-j REJECT --reject-with icmp-host-prohibited;=
-j REJECT --reject-with icmp-admin-prohibited;=
-j REJECT --reject-with net-unreach;-j REJECT --reject-with icmp-net-unreachable
-j REJECT --reject-with port-unreach;-j REJECT --reject-with icmp-port-unreachable
-j REJECT --reject-with host-unreach;-j REJECT --reject-with icmp-host-unreachable
-j REJECT --reject-with proto-unreach;-j REJECT --reject-with icmp-proto-unreachable
-j REJECT --reject-with net-prohib;-j REJECT --reject-with icmp-net-prohibited
-j REJECT --reject-with host-prohib;-j REJECT --reject-with icmp-host-prohibited
-j REJECT --reject-with admin-prohib;-j REJECT --reject-with icmp-admin-prohibited
-p tcp -j REJECT --reject-with tcp-reset;=
-p tcp -j REJECT --reject-with tcp-rst;-p tcp -j REJECT --reject-with tcp-reset
-j REJECT --reject-with tcp-reset;FAIL;@commit
! -p tcp -j REJECT --reject-with tcp-reset;FAIL;@commit
-p udp -j REJECT --reject-with tcp-reset;FAIL;@commit
-j REJECT --reject-with icmp-echo-reply;FAIL;unknown reject type "icmp-echo-reply"
-j REJECT --reject-with foo;FAIL;unknown reject type "foo"
-j REJECT ! --reject-with tcp-reset;FAIL;REJECT: option "--reject-with" cannot be inverted.
-j REJECT --reject-with icmp-net-unreachable --reject-with icmp-host-unreachable;FAIL;REJECT: option "--reject-with" can only be used once.
*mangle
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
-j REJECT;FAIL;@commit
*raw
:PREROUTING,OUTPUT
-j REJECT;FAIL;@commit
*nat
:PREROUTING
-j REJECT;FAIL;@commit
-6
*filter
:INPUT,FORWARD,OUTPUT
-j REJECT;-j REJECT --reject-with icmp6-port-unreachable
-j REJECT --reject-with icmp6-no-route;=
-j REJECT --reject-with no-route;-j REJECT --reject-with icmp6-no-route
-j REJECT --reject-with icmp6-adm-prohibited;=
-j REJECT --reject-with adm-prohibited;-j REJECT --reject-with icmp6-adm-prohibited
-j REJECT --reject-with icmp6-addr-unreachable;=
-j REJECT --reject-with addr-unreach;-j REJECT --reject-with icmp6-addr-unreachable
-j REJECT --reject-with icmp6-port-unreachable;=
-j REJECT --reject-with port-unreach;-j REJECT --reject-with icmp6-port-unreachable
-p tcp -j REJECT --reject-with tcp-reset;=
-j REJECT --reject-with tcp-reset;FAIL;@commit
-j REJECT --reject-with icmp6-policy-fail;=
-j REJECT --reject-with policy-fail;-j REJECT --reject-with icmp6-policy-fail
-j REJECT --reject-with icmp6-reject-route;=
-j REJECT --reject-with reject-route;-j REJECT --reject-with icmp6-reject-route
-j REJECT --reject-with icmp-port-unreachable;FAIL;unknown reject type "icmp-port-unreachable"
-j REJECT --reject-with icmp6-beyond-scope;FAIL;unknown reject type "icmp6-beyond-scope"
*mangle
:PREROUTING
-j REJECT;FAIL;@commit
