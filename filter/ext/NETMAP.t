# NETMAP target
-4
*nat
:PREROUTING,POSTROUTING,OUTPUT,INPUT
-j NETMAP --to 10.0.0.0/24;=
-j NETMAP --to 10.0.0.1/24;-j NETMAP --to 10.0.0.0/24
-j NETMAP --to 10.0.0.0/255.255.255.0;-j NETMAP --to 10.0.0.0/24
-j NETMAP --to 10.0.0.1;-j NETMAP --to 10.0.0.1/32
-j NETMAP;FAIL;NETMAP: option "--to" must be specified
*filter
:INPUT
-j NETMAP --to 10.0.0.0/24;FAIL;@commit
-6
*nat
:PREROUTING
-j NETMAP --to 2001:db8::/64;=
