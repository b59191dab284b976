# pkttype match
-4
*filter
:INPUT,FORWARD,OUTPUT
-m pkttype --pkt-type unicast;=
-m pkttype --pkt-type broadcast;=
-m pkttype --pkt-type multicast;=
-m pkttype ! --pkt-type unicast;=
-m pkttype --pkt-type host;-m pkttype --pkt-type unicast
-m pkttype --pkt-type BROADCAST;-m pkttype --pkt-type broadcast
-m pkttype --pkt-type otherhost;=
-m pkttype --pkt-type outgoing;FAIL;Bad packet type 'outgoing'
-m pkttype --pkt-type loopback;FAIL;Bad packet type 'loopback'
-m pkttype --pkt-type foo;FAIL;Bad packet type 'foo'
-m pkttype;FAIL;pkttype: option "--pkt-type" must be specified
-6
*filter
:INPUT
-m pkttype --pkt-type multicast;=
# packets
-4
*filter
:INPUT
-m pkttype --pkt-type unicast;=
>proto=udp;match
-m pkttype ! --pkt-type unicast;=
>proto=udp;nomatch
